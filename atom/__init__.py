"""The product's own Atom feeds: the newest claims of a player, club, outlet, rumour, article filter or watchlist."""
