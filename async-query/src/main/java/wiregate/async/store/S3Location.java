package wiregate.async.store;

/** Where one object is in S3. */
record S3Location(String bucket, String key) {
  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key;
  }
}
