"""``python -m ceasefire_cli`` runs the cfcheck command line."""

from .cli import main

if __name__ == "__main__":
    main()
