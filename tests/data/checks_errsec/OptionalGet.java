class S {
  User load(long id) {
    User u = userRepository.findById(id).get(); // expect: JAVA-OPTIONAL-GET
    User v = userRepository.findByEmail(email.trim()).get(); // expect: JAVA-OPTIONAL-GET
    Item first = items.stream().filter(i -> i.id() == id).findFirst().get(); // expect: JAVA-OPTIONAL-GET
    int sum = items.stream().map(Item::price).reduce(0, Integer::sum);
    int most = items.stream().map(Item::price).max(Integer::compare).get();
    Optional<User> w = repo.findById(id);
    User x = repo.findById(id).orElseThrow(NotFound::new);
    String s = map.get(key);
    return u;
  }
}
