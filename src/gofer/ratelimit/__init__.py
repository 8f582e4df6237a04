"""Rate limits: which requests count against which limit, and the middleware that enforces them."""
