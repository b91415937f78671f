# a workbook whose sheet declares entities that expand a hundredfold
from xlsxparts import SHEET_CLOSE, SHEET_OPEN, workbook

workbook("entities.xlsx",
         '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
         '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
         '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>' + SHEET_OPEN +
         '<row r="1"><c r="A1" t="inlineStr"><is><t>&c;</t></is></c></row>' +
         SHEET_CLOSE)
