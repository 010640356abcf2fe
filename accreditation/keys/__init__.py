"""API keys and their scopes: who may call the API, and how a key is checked."""
