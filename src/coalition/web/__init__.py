"""The web interface and its JSON API: thin routes over the query functions of each package."""
