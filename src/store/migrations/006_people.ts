import type { Kysely } from 'kysely';
import { textType } from './types.js';

/**
 * People and their access (issue 14).
 *
 * - `accounts`: who can sign in. `name` is unique and is the person's coder name (their layer).
 *   A password account keeps only a scrypt hash (commands/helpers/passwords.ts); an account of the
 *   university's identity provider keeps the provider's issuer and subject; a `local` account is
 *   the person at the laptop, named once, with no password (the embedded store on loopback only).
 *   Failed sign-ins are counted for the lockout.
 * - `sessions`: a signed-in browser. Its id is the SHA-256 of the cookie's token, never the token,
 *   so a copy of the database signs nobody in.
 * - `members`: a person's role in a project (owner, coder, viewer); no row, no access.
 * - `audit_events.actor_id`: the account that acted, beside the name it had then.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = textType(db);
  await db.schema
    .createTable('accounts')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('name', text, (c) => c.notNull().unique())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('email', text)
    .addColumn('password_hash', text)
    .addColumn('oidc_issuer', text)
    .addColumn('oidc_subject', text)
    .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', text)
    .addColumn('disabled_at', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addUniqueConstraint('accounts_oidc_subject', ['oidc_issuer', 'oidc_subject'])
    .execute();
  await db.schema
    .createTable('sessions')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('account_id', text, (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('expires_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();
  await db.schema
    .createTable('members')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('account_id', text, (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('role', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addUniqueConstraint('members_project_account', ['project_id', 'account_id'])
    .execute();
  await db.schema.createIndex('members_account').on('members').column('account_id').execute();
  await db.schema.alterTable('audit_events').addColumn('actor_id', text).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_events').dropColumn('actor_id').execute();
  await db.schema.dropTable('members').execute();
  await db.schema.dropTable('sessions').execute();
  await db.schema.dropTable('accounts').execute();
}
