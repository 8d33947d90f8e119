from dataclasses import dataclass, field


@dataclass
class Post:
    slug: str
    tags: list = field(default_factory=list)
    draft: bool = False


class Blog:
    def __init__(self, title, posts=None):
        self.title = title
        self.posts = list(posts or [])

    def publish(self, post):
        self.posts.append(post)

    def all_tags(self, include_drafts=False):
        """Every tag used on the blog, in order of first use."""
        tags = {}
        for post in self.posts:
            if post.draft and not include_drafts:
                continue
            for tag in post.tags:
                tags[tag] = None
        return list(tags)
