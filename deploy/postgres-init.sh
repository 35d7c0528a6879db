#!/bin/sh
# First start of compose.yaml's PostgreSQL: the customers table and a read-only role for custlink
# (its password is DB_PASSWORD). Load your own customers into the table, phones as digits
# (01012345678: the form the lookup's phone-kr normalize sends).
set -e
# The read-only role's secret is the one custlink holds: it must not also open the superuser.
if [ -z "$DB_PASSWORD" ] || [ "$DB_PASSWORD" = "$POSTGRES_PASSWORD" ]; then
  echo "postgres-init: set DB_PASSWORD, different from POSTGRES_PASSWORD (the superuser's)" >&2
  exit 1
fi
psql -v ON_ERROR_STOP=1 -v pw="$DB_PASSWORD" --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
CREATE TABLE customers (member_id bigint PRIMARY KEY, name text NOT NULL, phone text NOT NULL);
CREATE INDEX customers_phone ON customers (phone);
INSERT INTO customers VALUES (1001, '홍길동', '01012345678');
CREATE ROLE custlink_ro LOGIN PASSWORD :'pw';
GRANT SELECT ON customers TO custlink_ro;
SQL
