# a workbook of one empty sheet, made by hand: a workbook, but no form
from xlsxparts import SHEET_CLOSE, SHEET_OPEN, workbook

workbook("plain.xlsx", SHEET_OPEN + SHEET_CLOSE)
