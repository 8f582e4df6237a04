"""Workflows: site knowledge only. They talk to their StepContext and the page, nothing else."""
