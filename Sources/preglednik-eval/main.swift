print("eval: not yet wired")
