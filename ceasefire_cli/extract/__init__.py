"""Stage two: Documents -> Claims (the number and date grammars, sentences, and the reading of each figure's clause)."""
