"""Spreadsheets of the directory: export, documented template, and import with preview.

Row shape (export, template and import alike): one row per person x designation. A person
with three designations fills three rows repeating the person's columns; a person without
designation fills one row whose designation columns (group to letter date) are empty.

Headers are the translated labels of columns.COLUMNS in the export language; an import
accepts the headers of either language (or the column keys), so an English file imports in
Spanish. Modules: columns (what each column holds and how a cell is read), reading (file to
cells), rows (cells to checked values, no database), plan (rows against the directory),
importer (the one import service), export, forms and admin (the upload/preview/confirm pages).
"""
