package wiregate.server;

public final class Main {
  public static void main(String[] args) {
    System.out.println("wiregate skeleton");
  }
}
