print("postdeck")
