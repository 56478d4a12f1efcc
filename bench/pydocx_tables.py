#!/usr/bin/python3
"""What a python-docx user would write: open each .docx and read the text of every cell of every
table (and every paragraph). Run with Debian's /usr/bin/python3 (package python3-docx).

    pydocx_tables.py FILE.docx...          one process for all files
Prints files=N cells=C.
"""
import sys

import docx


def main(paths):
    cells = 0
    for path in paths:
        document = docx.Document(path)
        for paragraph in document.paragraphs:
            _ = paragraph.text
        for table in document.tables:
            for row in table.rows:
                for cell in row.cells:
                    _ = cell.text
                    cells += 1
    print(f"files={len(paths)} cells={cells}")


if __name__ == "__main__":
    main(sys.argv[1:])
