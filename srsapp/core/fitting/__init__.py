"""FSRS fitting, all of it: a review log → training items (``training``) → fitted parameters,
metrics and simulations (``optimize``) → the workload at each desired retention (``workload``).

Pure: no clock, no files, no SQL; ``service.optimize`` reads the collection's log and stores the
result, ``interchange.revlog_csv`` reads a log from a CSV file.
"""
