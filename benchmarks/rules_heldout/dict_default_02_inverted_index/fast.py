"""Positional inverted index for the help-center search box."""


class HelpIndex:
    def __init__(self, stopwords=()):
        self.stopwords = frozenset(w.lower() for w in stopwords)
        self.articles = {}

    def add_article(self, article_id, body):
        if article_id in self.articles:
            raise KeyError("duplicate article id %r" % (article_id,))
        self.articles[article_id] = body

    def positions(self):
        """term -> [(article_id, word position), ...] in article order, then position order."""
        index = {}
        stopwords = self.stopwords
        for article_id, body in self.articles.items():
            for pos, word in enumerate(body.lower().split()):
                if word in stopwords:
                    continue
                index.setdefault(word, []).append((article_id, pos))
        return index
