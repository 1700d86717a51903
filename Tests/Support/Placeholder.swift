public enum PostDeckTestSupportModule {}
