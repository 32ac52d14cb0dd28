"""The portfolio table a gemeente keeps in Excel or CSV, to and from the kennisbank.

- `tabel`: read an xlsx/csv sheet into rows, recognising the columns (synonyms, merged headers).
- `importeren`: match rows to onderwerpen and personen, plan the changes, write onderwerpen.yaml.
- `exporteren`: write the same table from a kennisbank.
"""
