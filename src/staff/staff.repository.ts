import type { Insertable, Kysely, Updateable } from "kysely";
import { AppError } from "../errors.js";
import { isUniqueViolation } from "../platform/db/database.js";
import type { DB, StaffRow, StaffTable } from "../platform/db/schema.js";
import { LinksRepository } from "./links.repository.js";
import { SessionsRepository } from "./sessions.repository.js";
import { StaffSettingsRepository } from "./staff-settings.repository.js";
import { TokensRepository } from "./tokens.repository.js";

export class StaffRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(row: Insertable<StaffTable>): Promise<StaffRow> {
    try {
      return await this.db.insertInto("staff").values(row).returningAll().executeTakeFirstOrThrow();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError("conflict", `A staff member with the email ${row.email} already exists.`);
      }
      throw error;
    }
  }

  findById(id: number): Promise<StaffRow | undefined> {
    return this.db.selectFrom("staff").selectAll().where("id", "=", id).executeTakeFirst();
  }

  findByEmail(email: string): Promise<StaffRow | undefined> {
    return this.db.selectFrom("staff").selectAll().where("email", "=", email).executeTakeFirst();
  }

  list(): Promise<StaffRow[]> {
    return this.db.selectFrom("staff").selectAll().orderBy("name").orderBy("id").execute();
  }

  async anyOwner(): Promise<boolean> {
    const row = await this.db.selectFrom("staff").select("id").where("role", "=", "owner").executeTakeFirst();
    return row !== undefined;
  }

  /** The earliest active owner: whom a command-line token acts for by default. */
  firstActiveOwner(): Promise<StaffRow | undefined> {
    return this.db
      .selectFrom("staff")
      .selectAll()
      .where("role", "=", "owner")
      .where("status", "=", "active")
      .orderBy("id")
      .executeTakeFirst();
  }

  /** Active owners other than `exceptId`. */
  async countOtherActiveOwners(exceptId: number): Promise<number> {
    const row = await this.db
      .selectFrom("staff")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("role", "=", "owner")
      .where("status", "=", "active")
      .where("id", "<>", exceptId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  update(id: number, changes: Updateable<StaffTable>): Promise<StaffRow | undefined> {
    return this.db.updateTable("staff").set(changes).where("id", "=", id).returningAll().executeTakeFirst();
  }

  /**
   * Records `step` as the last TOTP step used, only if it is later than the one recorded, so two
   * requests racing with the same code cannot both pass.
   */
  async advanceTotpStep(id: number, step: number, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable("staff")
      .set({ totp_last_step: step, updated_at: now })
      .where("id", "=", id)
      .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Replaces the recovery codes only if nobody changed them meanwhile, so a code is used once. */
  async swapRecoveryCodes(id: number, expected: string, next: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable("staff")
      .set({ recovery_codes: next, updated_at: now })
      .where("id", "=", id)
      .where("recovery_codes", "=", expected)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}

/** The staff capability's repositories, and a way to run several of their writes as one. */
export interface StaffStore {
  staff: StaffRepository;
  sessions: SessionsRepository;
  tokens: TokensRepository;
  links: LinksRepository;
  settings: StaffSettingsRepository;
  transaction<T>(work: (store: StaffStore) => Promise<T>): Promise<T>;
}

export function createStaffStore(db: Kysely<DB>): StaffStore {
  return {
    staff: new StaffRepository(db),
    sessions: new SessionsRepository(db),
    tokens: new TokensRepository(db),
    links: new LinksRepository(db),
    settings: new StaffSettingsRepository(db),
    transaction: (work) =>
      db.isTransaction ? work(createStaffStore(db)) : db.transaction().execute((trx) => work(createStaffStore(trx))),
  };
}
