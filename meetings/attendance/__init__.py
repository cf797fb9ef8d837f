"""The attendance spreadsheet of a meeting: who came, matched to the directory by e-mail.

rows.py      the columns, the header row and each row's cells into checked values (no database)
importer.py  the preview against the directory and the all-or-nothing import
"""
