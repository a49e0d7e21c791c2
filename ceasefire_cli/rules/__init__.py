"""Stage four: topics -> findings, one module per rule family (see :mod:`ceasefire_cli.rules.registry`)."""
