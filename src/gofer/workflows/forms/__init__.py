"""The forms agent: reads bank forms from their pages and fills them from what people say."""
