/* The study has no mathematics: this stands where MathJax would load from a CDN. */
