"""The publication: answers, comparison, files, review queue, summary, workbook, report and data package."""

from warehouse.publish.folder import publish

__all__ = ["publish"]
