// Messages of one area of the app, in both languages (see subgroups.ts for how areas merge).
// Area: the `npm run backup` and `npm run restore` commands (printed in Dutch, then English).
export const nl = {
  "backup.usage":
    "Gebruik: npm run backup [-- --out <bestand>]   (standaard: backups/werkplaats-<tijd>.jsonl.gz)",
  "backup.unknownOption": "Onbekende optie: {option}",
  "backup.exists": "{file} bestaat al; kies een andere naam.",
  "backup.source": "Back-up van {target} …",
  "backup.written": "Back-up geschreven: {file} ({size})",
  "backup.consistencySqlite":
    "Alles is gelezen in één leestransactie van SQLite: één consistente momentopname, terwijl de server mocht doordraaien.",
  "backup.consistencyPg":
    "Alles is gelezen in één REPEATABLE READ, READ ONLY-transactie van PostgreSQL: één consistente momentopname, terwijl de server mocht doordraaien.",
  "backup.rows": "{rows} rijen uit {models} tabellen: {list}",
  "backup.documents":
    "Documenten: {outcomes} opbrengsten en {editions} redactionele inleidingen, elk als één stand ({folded} logregels daarin samengevoegd).",
  "backup.sha": "SHA-256 van het bestand: {sha}",
  "backup.notMigrated":
    "De database is niet bijgewerkt tot deze versie van Werkplaats ({detail}). Start de app één keer of voer npm run db:deploy uit, en maak dan de back-up.",
  "backup.datamodel": "Niet alle gegevens kunnen in de back-up: {detail}",
  "backup.failed": "Back-up mislukt: {reason}",
  "backup.noDatabase": "Er is geen database op {file}: klopt DATABASE_URL?",
  "backup.badDatabaseUrl": "DATABASE_URL klopt niet: {reason}",

  "restore.usage": "Gebruik: npm run restore -- <bestand> [--force]",
  "restore.checking": "Archief {file} controleren …",
  "restore.verified":
    "Archief in orde: formaat {format}, Werkplaats {version}, gemaakt op {createdAt} uit {provider}, controlesom klopt.",
  "restore.target": "Terugzetten in {target}.",
  "restore.migrated": "Databasemigraties toegepast.",
  "restore.wiping":
    "--force: alle {rows} rijen in {models} tabellen van deze database worden gewist en vervangen door de back-up.",
  "restore.done":
    "Teruggezet in {seconds} s: {rows} rijen in {models} tabellen; de aantallen per tabel zijn gecontroleerd.",
  "restore.documents":
    "Documenten: {outcomes} opbrengsten en {editions} redactionele inleidingen, elk met zijn volledige stand en een lege log.",
  "restore.unchanged": "De gegevens in de database zijn niet veranderd.",
  "restore.notFound": "Het bestand {file} bestaat niet of is niet leesbaar.",
  "restore.notArchive": "{file} is geen Werkplaats-back-up: {detail}.",
  "restore.truncated":
    "De back-up {file} is onvolledig ({detail}): waarschijnlijk afgebroken tijdens het maken of kopiëren.",
  "restore.damaged": "De back-up {file} is beschadigd: {detail}.",
  "restore.checksum":
    "De back-up {file} is beschadigd: de inhoud klopt niet met de controlesom (SHA-256).",
  "restore.tooNew":
    "Deze back-up is gemaakt met een nieuwere Werkplaats ({detail}). Werk deze installatie eerst bij.",
  "restore.migrationsOlder":
    "Deze back-up komt van een oudere versie van Werkplaats ({version}; laatste migratie {archive}, hier {app}). Zet hem terug met die versie en werk daarna bij.",
  "restore.migrationsNewer":
    "Deze back-up komt van een nieuwere versie van Werkplaats ({version}; laatste migratie {archive}, hier {app}). Werk deze installatie eerst bij.",
  "restore.migrationsDifferent":
    "Deze back-up hoort bij andere databasemigraties ({version}; laatste migratie {archive}, hier {app}).",
  "restore.schemaDiffers": "De back-up past niet bij het datamodel van deze versie: {detail}.",
  "restore.notEmpty":
    "De database is niet leeg ({rows} rijen in {models} tabellen). Terugzetten gaat alleen in een lege database; met --force worden eerst alle gegevens gewist.",
  "restore.countMismatch": "Terugzetten afgebroken: {detail}.",
  "restore.failed": "Terugzetten mislukt: {reason}",
  "restore.busy":
    "De database is in gebruik door een ander proces. Stop de server (en alles wat de database open heeft) en probeer het opnieuw.",
  "restore.missingFile": "Geef de back-up op: npm run restore -- <bestand>",
} as const;

export const en: Record<keyof typeof nl, string> = {
  "backup.usage":
    "Usage: npm run backup [-- --out <file>]   (default: backups/werkplaats-<time>.jsonl.gz)",
  "backup.unknownOption": "Unknown option: {option}",
  "backup.exists": "{file} already exists; choose another name.",
  "backup.source": "Backing up {target} …",
  "backup.written": "Backup written: {file} ({size})",
  "backup.consistencySqlite":
    "Everything was read in one SQLite read transaction: one consistent snapshot, while the server could keep running.",
  "backup.consistencyPg":
    "Everything was read in one REPEATABLE READ, READ ONLY PostgreSQL transaction: one consistent snapshot, while the server could keep running.",
  "backup.rows": "{rows} rows from {models} tables: {list}",
  "backup.documents":
    "Documents: {outcomes} outcomes and {editions} editorial introductions, each as one state ({folded} log rows merged into them).",
  "backup.sha": "SHA-256 of the file: {sha}",
  "backup.notMigrated":
    "The database is not migrated to this version of Werkplaats ({detail}). Start the app once or run npm run db:deploy, then make the backup.",
  "backup.datamodel": "Not all data can go into the backup: {detail}",
  "backup.failed": "Backup failed: {reason}",
  "backup.noDatabase": "There is no database at {file}: is DATABASE_URL right?",
  "backup.badDatabaseUrl": "DATABASE_URL is not right: {reason}",

  "restore.usage": "Usage: npm run restore -- <file> [--force]",
  "restore.checking": "Checking archive {file} …",
  "restore.verified":
    "Archive is sound: format {format}, Werkplaats {version}, made on {createdAt} from {provider}, checksum matches.",
  "restore.target": "Restoring into {target}.",
  "restore.migrated": "Database migrations applied.",
  "restore.wiping":
    "--force: all {rows} rows in {models} tables of this database are wiped and replaced by the backup.",
  "restore.done":
    "Restored in {seconds} s: {rows} rows in {models} tables; the counts per table were checked.",
  "restore.documents":
    "Documents: {outcomes} outcomes and {editions} editorial introductions, each with its complete state and an empty log.",
  "restore.unchanged": "No data in the database was changed.",
  "restore.notFound": "The file {file} does not exist or cannot be read.",
  "restore.notArchive": "{file} is not a Werkplaats backup: {detail}.",
  "restore.truncated":
    "The backup {file} is incomplete ({detail}): probably cut off while it was made or copied.",
  "restore.damaged": "The backup {file} is damaged: {detail}.",
  "restore.checksum":
    "The backup {file} is damaged: its content does not match its checksum (SHA-256).",
  "restore.tooNew":
    "This backup was made by a newer Werkplaats ({detail}). Upgrade this installation first.",
  "restore.migrationsOlder":
    "This backup comes from an older version of Werkplaats ({version}; last migration {archive}, here {app}). Restore it with that version, then upgrade.",
  "restore.migrationsNewer":
    "This backup comes from a newer version of Werkplaats ({version}; last migration {archive}, here {app}). Upgrade this installation first.",
  "restore.migrationsDifferent":
    "This backup belongs to other database migrations ({version}; last migration {archive}, here {app}).",
  "restore.schemaDiffers": "The backup does not fit the data model of this version: {detail}.",
  "restore.notEmpty":
    "The database is not empty ({rows} rows in {models} tables). A restore only goes into an empty database; --force wipes all data first.",
  "restore.countMismatch": "Restore stopped: {detail}.",
  "restore.failed": "Restore failed: {reason}",
  "restore.busy":
    "The database is in use by another process. Stop the server (and anything else that has the database open) and try again.",
  "restore.missingFile": "Name the backup: npm run restore -- <file>",
};
