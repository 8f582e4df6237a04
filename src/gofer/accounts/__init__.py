"""User accounts: passwords, tokens, API keys, mail, external identity and their routes."""
