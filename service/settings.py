"""The one place configuration is read: environment variables (and `.env`), validated once."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent


class Neo4jSettings(BaseModel):
    """How the service reaches Neo4j: `NEO4J_URI`, `_USER`, `_PASSWORD`, `_DATABASE`."""

    # Unset means the local server `scholar db start` runs (see `Settings.local_uri`).
    uri: str = ""
    user: str = "neo4j"
    password: SecretStr = SecretStr("scholar-dev-password")
    database: str = "neo4j"
    # Every query runs with a server-side timeout, so one slow request cannot hold a worker.
    query_timeout_s: float = Field(default=10.0, gt=0, le=600)
    # With Neo4j down a request must fail within 2 s: a short connect timeout and a bounded
    # wait for a pooled connection. Deadlocks and lock waits are retried for up to retry_s;
    # connection failures are not retried (service/availability.py fails fast instead).
    connect_timeout_s: float = Field(default=1.0, gt=0, le=120)
    acquire_timeout_s: float = Field(default=2.0, gt=0, le=120)
    retry_s: float = Field(default=5.0, ge=0, le=120)
    # Queries in flight at once, per process. Neo4j on a few cores answers more per second with
    # few: on 2 cores at 32 clients, 305 req/s with 8 against 227-232 with 16 or 50 (the
    # profile view, bench/RESULTS-peers.md); a larger server wants more. Requests beyond it wait
    # for a connection up to acquire_timeout_s.
    max_pool_size: int = Field(default=8, ge=1, le=500)
    # Run the pages' documents once at start-up so the first requests find warm plans.
    warm_up: bool = True


class LocalNeo4jSettings(BaseModel):
    """The Neo4j server that `scholar db start` runs on machines without Docker."""

    home: Path = ROOT / ".neo4j"
    instance: str = "dev"
    bolt_port: int = Field(default=7687, ge=1024, le=65535)
    start_timeout_s: float = Field(default=120.0, gt=0)


class GraphQLLimits(BaseModel):
    """Bounds on what one GraphQL document may ask for."""

    max_depth: int = Field(default=10, ge=2, le=50)
    # Fields selected once fragments are expanded: what a fragment chain multiplies.
    max_fields: int = Field(default=500, ge=10, le=100_000)
    max_aliases: int = Field(default=15, ge=1, le=1000)
    max_tokens: int = Field(default=2000, ge=100, le=100_000)
    max_body_bytes: int = Field(default=64 * 1024, ge=1024)


class ServerSettings(BaseModel):
    """Where `scholar serve` listens: `SERVER_HOST`, `SERVER_PORT`."""

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    # GraphiQL at /graphql; production behind a gateway may turn it off.
    graphiql: bool = True
    # Production refuses to start without a way to mail codes; `make run` and compose say
    # development, where codes are printed on the console.
    environment: Literal["development", "production"] = "production"
    # Origins whose pages may call /graphql from a browser (`SERVER_CORS_ORIGINS` as a JSON
    # list, e.g. ["https://ui.example.org"]); none by default. They authenticate with bearer
    # tokens: cookies never cross origins here.
    cors_origins: list[str] = Field(default_factory=list)


class AuthSettings(BaseModel):
    """Accounts, sessions and the abuse limits around them: `AUTH_SESSION_TTL_S`, ..."""

    session_ttl_s: int = Field(default=14 * 24 * 3600, ge=60)
    cookie_name: str = "scholar_session"
    # Browsers get the token as an HttpOnly cookie; `Secure` must be on behind HTTPS.
    cookie_secure: bool = False
    # argon2id cost (RFC 9106's second recommended option); tests lower it to stay fast.
    argon2_time_cost: int = Field(default=3, ge=1)
    argon2_memory_kib: int = Field(default=64 * 1024, ge=8)
    argon2_parallelism: int = Field(default=4, ge=1)
    # Password hashes at once (0: as many as keep hashing threads within the CPUs, CPUs divided
    # by argon2_parallelism), how many may wait (past that, log in and sign up are refused at
    # once), and the niceness of hashing threads, so reads go first when the CPUs are short.
    # Peak hashing memory is argon2_memory_kib x hash concurrency.
    hash_concurrency: int = Field(default=0, ge=0)
    hash_waiting: int = Field(default=8, ge=0)
    hash_nice: int = Field(default=10, ge=0, le=19)
    # Log ins and sign ups one client address may have under way at once in one process, so
    # one address cannot queue up the database connections on its own throttle counters.
    in_flight_per_client: int = Field(default=4, ge=1)
    # Log in throttling (service/identity/throttle.py), all counted in one window: attempts per
    # client address; free attempts per (account, client) pair, then delays doubling from
    # login_backoff_s up to login_backoff_max_s; attempts per account from clients it does not
    # know (known clients never meet that ceiling, so nobody can lock the owner out).
    login_window_s: int = Field(default=15 * 60, ge=1)
    login_per_client: int = Field(default=20, ge=1)
    login_free_attempts: int = Field(default=5, ge=1)
    login_backoff_s: int = Field(default=2, ge=1)
    login_backoff_max_s: int = Field(default=15 * 60, ge=1)
    login_per_account: int = Field(default=30, ge=1)
    # A device (HttpOnly cookie) or address that logged in to an account stays known this long.
    known_client_ttl_s: int = Field(default=60 * 24 * 3600, ge=60)
    device_cookie_name: str = "scholar_device"
    # Sign ups started per client address in an hour.
    sign_ups_per_client: int = Field(default=10, ge=1)
    # Email codes: lifetime, wrong guesses allowed, and how many may be requested an hour.
    email_code_ttl_s: int = Field(default=15 * 60, ge=30)
    email_code_max_attempts: int = Field(default=5, ge=1)
    email_codes_per_hour: int = Field(default=5, ge=1)
    # Invitations one user may send in 24 hours, and conversation messages in an hour.
    invitations_per_day: int = Field(default=10, ge=1)
    messages_per_hour: int = Field(default=60, ge=1)


class MailSettings(BaseModel):
    """How verification codes reach people: `MAIL_SENDER`, `MAIL_SMTP_HOST`, ...

    `sender` unset means the console in development and a refusal to start in production.
    """

    sender: Literal["console", "smtp"] | None = None
    smtp_host: str = ""
    smtp_port: int = Field(default=587, ge=1, le=65535)
    # starttls upgrades a plain connection (port 587); tls is TLS from the start (port 465).
    smtp_security: Literal["starttls", "tls", "none"] = "starttls"
    smtp_user: str = ""
    smtp_password: SecretStr = SecretStr("")
    smtp_timeout_s: float = Field(default=10.0, gt=0, le=120)
    # A CA bundle to trust besides the system's, for a relay with a private certificate.
    smtp_ca_file: str = ""
    from_address: str = ""


class LogSettings(BaseModel):
    """What `scholar serve` logs and how: `LOG_LEVEL`, `LOG_FORMAT` (text or json lines)."""

    level: Literal["debug", "info", "warning", "error"] = "info"
    format: Literal["text", "json"] = "text"


class Settings(BaseSettings):
    """All settings; nested groups read as `NEO4J_URI`, `LOCALDB_BOLT_PORT`, `GRAPHQL_MAX_DEPTH`."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_nested_delimiter="_",
        env_nested_max_split=1,
        extra="ignore",
        # An empty variable (compose passes `${MAIL_SENDER:-}`) means unset, not "".
        env_ignore_empty=True,
    )

    neo4j: Neo4jSettings = Neo4jSettings()
    localdb: LocalNeo4jSettings = LocalNeo4jSettings()
    graphql: GraphQLLimits = GraphQLLimits()
    server: ServerSettings = ServerSettings()
    auth: AuthSettings = AuthSettings()
    mail: MailSettings = MailSettings()
    log: LogSettings = LogSettings()

    @model_validator(mode="after")
    def local_uri(self) -> Settings:
        """Without NEO4J_URI the service talks to the local server on LOCALDB_BOLT_PORT."""
        if not self.neo4j.uri:
            self.neo4j.uri = f"bolt://127.0.0.1:{self.localdb.bolt_port}"
        return self
