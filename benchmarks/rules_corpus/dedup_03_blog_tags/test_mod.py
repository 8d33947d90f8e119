import random

from mod import Blog, Post


def _posts():
    rng = random.Random(1234)
    topics = [f"topic-{n}" for n in range(2500)]
    posts = []
    for i in range(3000):
        tags = rng.sample(topics, rng.randint(1, 6))
        posts.append(Post(slug=f"post-{i}", tags=tags, draft=(i % 9 == 0)))
    return posts


def build_large():
    return ("Engineering notes", _posts()), ()


def test_large_blog():
    posts = _posts()
    blog = Blog("Engineering notes", posts)
    expected = list(dict.fromkeys(t for p in posts if not p.draft for t in p.tags))
    assert blog.all_tags() == expected
    assert len(expected) > 2000


def test_large_blog_with_drafts():
    posts = _posts()
    blog = Blog("Engineering notes", posts)
    result = blog.all_tags(include_drafts=True)
    expected = list(dict.fromkeys(t for p in posts for t in p.tags))
    assert result == expected


def test_small_and_publish():
    blog = Blog("Cooking")
    assert blog.all_tags() == []
    blog.publish(Post("soup", ["winter", "vegan", "winter"]))
    blog.publish(Post("secret", ["wip", "vegan"], draft=True))
    blog.publish(Post("crème-brûlée", ["dessert", "français", "vegan"]))
    blog.publish(Post("empty"))
    assert blog.all_tags() == ["winter", "vegan", "dessert", "français"]
    assert blog.all_tags(include_drafts=True) == ["winter", "vegan", "wip", "dessert", "français"]
    assert blog.posts[0].tags == ["winter", "vegan", "winter"]
