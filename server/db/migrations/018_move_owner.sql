-- Which service instance started a move: an instance repairs its own open moves, and anyone's once they are
-- too old to be under way (their instance died).
ALTER TABLE pbx_moves ADD COLUMN owner text;
