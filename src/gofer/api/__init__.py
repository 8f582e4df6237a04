"""HTTP and WebSocket routes: thin layers that validate, authorize and translate."""
