"""Reads a named range of a workbook in a real LibreOffice Calc, as the add-in reads a range.

Opens the workbook (hidden, headless, in a fresh user profile) and prints the range's cells as
JSON rows: numbers as numbers, text as text, an empty cell as "" — what Excel's Range.values hands
=PARLEY.EVALUATE. A workbook without that name gives {"missing": …} with the names and sheets it has.

Usage: read_range.py PROFILE_DIR WORKBOOK RANGE_NAME
Run with Debian's python3 (python3-uno); LibreOffice Calc from Debian's libreoffice-calc.
"""
import json
import os
import sys
import time

import uno
from com.sun.star.beans import PropertyValue

from webservice_cell import connect, quit_office, start_office, wait_for_end


def main():
    profile, workbook, name = sys.argv[1], sys.argv[2], sys.argv[3]
    office, port = start_office(profile, "en-US")
    try:
        context = connect(port, office, time.time() + 120)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        hidden = PropertyValue()
        hidden.Name, hidden.Value = "Hidden", True
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(workbook)), "_blank", 0, (hidden,))
        if doc.NamedRanges.hasByName(name):
            cells = doc.NamedRanges.getByName(name).getReferredCells()
            answer = {"range": cells.AbsoluteName, "rows": [list(row) for row in cells.getDataArray()]}
        else:
            answer = {"missing": name, "names": list(doc.NamedRanges.getElementNames()),
                      "sheets": list(doc.Sheets.getElementNames())}
        doc.close(True)
        quit_office(desktop)
        print(json.dumps(answer, ensure_ascii=False))
    finally:
        wait_for_end(office)


if __name__ == "__main__":
    main()
