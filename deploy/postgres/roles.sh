# The platform's database roles (docs/security.md, "Database roles"): one per service, synergy_<service>, which owns that
# service's schema and nothing else -- no other schema, no right to create schemas, databases or roles. The service
# connects as it and its Flyway migrations run as it; finding its schema there, Flyway creates nothing
# (quarkus.flyway.create-schemas only acts on an absent schema).
# Sourced, never run: deploy/local/postgres.sh (the machine's PostgreSQL) and deploy/postgres/compose-init.sh (the compose
# file's PostgreSQL container) print these statements into psql.

# the services, each with its schema of the same name (the service's quarkus.flyway.schemas)
SYNERGY_DB_SERVICES="aggregation energy transport building agriculture waste registry console"

# CREATE ROLE if it does not exist (a role that exists keeps its password). Usage: synergy_role_sql ROLE PASSWORD
synergy_role_sql() {
  local role=$1 password=${2//\'/\'\'}
  cat <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN
    CREATE ROLE ${role} LOGIN PASSWORD '${password}' NOSUPERUSER NOCREATEDB NOCREATEROLE;
  END IF;
END
\$\$;
SQL
}

# The schema of service S in the current database, owned by synergy_S. One that an older version of the platform created
# as another role (synergy) is handed over with its objects, and Flyway's note that it created the schema goes (a clean
# at start would drop the schema, which the role may not create). Usage: synergy_schema_sql SERVICE
synergy_schema_sql() {
  local s=$1
  cat <<SQL
CREATE SCHEMA IF NOT EXISTS ${s} AUTHORIZATION synergy_${s};
DO \$\$
DECLARE
  r record;
BEGIN
  IF (SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = '${s}') <> 'synergy_${s}' THEN
    EXECUTE 'ALTER SCHEMA ${s} OWNER TO synergy_${s}';
  END IF;
  FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = '${s}' AND c.relkind IN ('r', 'p', 'v', 'm') AND pg_get_userbyid(c.relowner) <> 'synergy_${s}' LOOP
    EXECUTE format('ALTER %s ${s}.%I OWNER TO synergy_${s}',
                   CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, r.relname);
  END LOOP;
  -- sequences of no column (those of serial and identity columns follow their table)
  FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = '${s}' AND c.relkind = 'S' AND pg_get_userbyid(c.relowner) <> 'synergy_${s}'
             AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')) LOOP
    EXECUTE format('ALTER SEQUENCE ${s}.%I OWNER TO synergy_${s}', r.relname);
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS fn FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = '${s}' AND pg_get_userbyid(p.proowner) <> 'synergy_${s}' LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO synergy_${s}', r.fn);
  END LOOP;
  FOR r IN SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
           WHERE n.nspname = '${s}' AND t.typtype IN ('e', 'd') AND pg_get_userbyid(t.typowner) <> 'synergy_${s}' LOOP
    EXECUTE format('ALTER TYPE ${s}.%I OWNER TO synergy_${s}', r.typname);
  END LOOP;
  IF to_regclass('${s}.flyway_schema_history') IS NOT NULL THEN
    EXECUTE 'DELETE FROM ${s}.flyway_schema_history WHERE type = ''SCHEMA''';
  END IF;
END
\$\$;
SQL
}
