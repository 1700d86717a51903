public enum PostDeckStoreModule {}
