// Where the pages' modules are, for the JS unit tests (run by `node --test src/test/js/`, and from
// the suite by PagesJavaScriptTest).
export const PAGES = new URL('../../main/resources/META-INF/resources/', import.meta.url);
export const SCENARIOS = new URL('../../../scenarios/', import.meta.url);
