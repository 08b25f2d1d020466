"""Measurements of the product from outside it: made-up data (`generate`) and what is timed against it (`portfolio`)."""
