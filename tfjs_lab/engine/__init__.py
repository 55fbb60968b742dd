"""The Layers engine: the Layer base, the model training loops, saving and summaries."""
