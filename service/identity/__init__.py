"""Who is asking: accounts, passwords, sessions, email codes, and the evidence behind claims."""
