"""Leadflow: the lead-qualification dashboard's code outside the pages."""
