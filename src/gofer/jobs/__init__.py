"""Jobs: their model and statuses, the queue that holds them and the runner that runs them."""
