"""Reads a figure into a LibreOffice Calc cell through WEBSERVICE(), as a spreadsheet user would.

Starts a headless LibreOffice with a fresh user profile whose locale is the one given (en-US,
de-DE: the locale decides how `"…"&B2` writes the number into the URL and how VALUE() reads
the answer), puts a lever value in B2 and the recipe's formula in A1, recalculates, and prints
what the cells hold as JSON: A1's value and error code, the answer as text, the URL sent.

Usage: webservice_cell.py LOCALE PROFILE_DIR URL_PREFIX LEVER_VALUE
       webservice_cell.py LOCALE PROFILE_DIR --table URL SEPARATOR
The second form opens a CSV table from the URL as Calc opens one (File › Open with the URL, the
Text CSV filter, the separator given, UTF-8) and prints its cells: numbers as numbers, text as text.
Run with Debian's python3 (python3-uno); LibreOffice Calc from Debian's libreoffice-calc.
"""
import json
import os
import socket
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def profile_with_locale(directory, locale):
    """A LibreOffice user profile whose locale setting (Tools › Options › Language) is `locale`."""
    user = os.path.join(directory, "user")
    os.makedirs(user, exist_ok=True)
    with open(os.path.join(user, "registrymodifications.xcu"), "w", encoding="utf-8") as f:
        f.write(f"""<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>{locale}</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>en-US</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
""")
    return "file://" + os.path.abspath(directory)


def connect(port, office, deadline):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    while True:
        try:
            return resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
        except Exception:
            if time.time() > deadline or office.poll() is not None:
                raise
            time.sleep(0.5)


def table(desktop, url, separator):
    """The CSV at url opened as a Calc document, its used cells as rows of numbers and text."""
    props = []
    for name, value in (("Hidden", True), ("FilterName", "Text - txt - csv (StarCalc)"),
                        ("FilterOptions", f"{ord(separator)},34,76,1")):
        p = PropertyValue()
        p.Name, p.Value = name, value
        props.append(p)
    doc = desktop.loadComponentFromURL(url, "_blank", 0, tuple(props))
    sheet = doc.Sheets.getByIndex(0)
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    end = cursor.RangeAddress
    rows = []
    for r in range(end.EndRow + 1):
        row = []
        for c in range(end.EndColumn + 1):
            cell = sheet.getCellByPosition(c, r)
            row.append(cell.getValue() if cell.getType().value == "VALUE" else cell.getString())
        rows.append(row)
    doc.close(True)
    return rows


def quit_office(desktop):
    try:
        desktop.terminate()
    except Exception:
        pass  # the bridge goes away as the office ends


def start_office(profile, locale):
    """A headless LibreOffice in a fresh profile with `locale`, listening for UNO on a free port."""
    port = free_port()
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
         "-env:UserInstallation=" + profile_with_locale(profile, locale),
         f"--accept=socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return office, port


def wait_for_end(office):
    """Waits for the office to end after quit_office, and ends it if it does not."""
    try:
        office.wait(timeout=30)
    except subprocess.TimeoutExpired:
        office.kill()


def main():
    locale, profile = sys.argv[1], sys.argv[2]
    office, port = start_office(profile, locale)
    try:
        context = connect(port, office, time.time() + 120)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        if sys.argv[3] == "--table":
            print(json.dumps({"locale": locale, "rows": table(desktop, sys.argv[4], sys.argv[5])}))
            quit_office(desktop)
            return
        prefix, lever = sys.argv[3], float(sys.argv[4])
        hidden = PropertyValue()
        hidden.Name, hidden.Value = "Hidden", True
        doc = desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, (hidden,))
        sheet = doc.Sheets.getByIndex(0)
        quoted = prefix.replace('"', '""')
        sheet.getCellRangeByName("B2").setValue(lever)
        # the API takes formulas with English function names and ';' between arguments, whatever
        # the locale; the locale still decides how &B2 writes the number and how VALUE reads text
        sheet.getCellRangeByName("A1").setFormula(f'=VALUE(WEBSERVICE("{quoted}"&B2))')
        sheet.getCellRangeByName("A2").setFormula(f'=WEBSERVICE("{quoted}"&B2)')
        sheet.getCellRangeByName("A3").setFormula(f'="{quoted}"&B2')
        doc.calculateAll()
        a1 = sheet.getCellRangeByName("A1")
        print(json.dumps({
            "locale": locale,
            "value": a1.getValue(),
            "error": a1.getError(),
            "answer": sheet.getCellRangeByName("A2").getString(),
            "url": sheet.getCellRangeByName("A3").getString(),
        }))
        doc.close(True)
        quit_office(desktop)
    finally:
        wait_for_end(office)


if __name__ == "__main__":
    main()
