public enum PostDeckAppModule {}
