// A stand-in for the Office host, for the browser tests: the CustomFunctions registry, Excel's
// batch API writing into a record of the sheet, and Office.onReady. Every fetch is recorded,
// so a test can count the requests a recalculation made.
window.requests = [];
const realFetch = window.fetch.bind(window);
window.fetch = (input, init) => {
  const headers = new Headers((init && init.headers) || {});
  window.requests.push({ url: String(input), method: (init && init.method) || 'GET', authorization: headers.get('Authorization') });
  return realFetch(input, init);
};
class ExcelError extends Error {
  constructor(code, message) { super(message); this.code = code; }
}
window.CustomFunctions = {
  associated: {},
  associate(id, f) { this.associated[id] = f; },
  Error: ExcelError,
  ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A', divisionByZero: '#DIV/0!', invalidNumber: '#NUM!', nullReference: '#NULL!' },
};
window.sheet = { writes: [] };
const range = (rows, columns) => ({
  getResizedRange: (down, across) => {
    const written = { rows: rows + down, columns: columns + across };
    return Object.defineProperty({}, 'values', { set(values) { window.sheet.writes.push({ ...written, values }); } });
  },
});
window.Excel = {
  run: async (batch) => batch({ workbook: { getSelectedRange: () => ({ getCell: () => range(1, 1) }) }, sync: async () => {} }),
};
const onReady = (callback) => {
  const info = { host: 'Excel', platform: 'PC' };
  setTimeout(() => callback(info));
  return Promise.resolve(info);
};
// Office's dialog: displayDialogAsync opens the page in a frame (as Office on the web does with
// displayInIframe); the page's own Office is made by officeDialogStandIn (Browser.java gives every
// frame of a stand-in host one), and its messageParent reaches the handlers the pane added.
window.dialogs = [];
window.officeDialogStandIn = (frameWindow) => {
  const dialog = window.dialogs.find((d) => d.frame.contentWindow === frameWindow);
  return {
    onReady,
    context: { ui: { messageParent: (message) => dialog.fire('dialogMessageReceived', { message, origin: location.origin }) } },
  };
};
window.Office = {
  onReady,
  AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
  context: {
    ui: {
      displayDialogAsync(url, options, callback) {
        const frame = document.createElement('iframe');
        frame.id = 'office-dialog';
        frame.title = 'Office dialog';
        const handlers = {};
        const dialog = {
          frame, url, options, closed: false,
          addEventHandler(type, handler) { handlers[type] = handler; },
          close() { this.closed = true; frame.remove(); },
          fire(type, arg) { handlers[type]?.(arg); },
        };
        window.dialogs.push(dialog);
        frame.src = url;
        document.body.append(frame);
        setTimeout(() => callback({ status: 'succeeded', value: dialog }));
      },
    },
  },
};
