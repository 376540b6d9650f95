// The editor keeps an offline copy of each document in this browser (IndexedDB), so work
// typed without a connection survives a reload. On a shared computer those copies must not
// outlive the session: signing out removes them, after a warning if some were never synced.
const DATABASE_PREFIX = "werkplaats:outcome:";
const PENDING_PREFIX = "werkplaats:pending:";

export function offlineDatabaseName(room: string) {
  return `${DATABASE_PREFIX}${room}`;
}

export function pendingKey(room: string) {
  return `${PENDING_PREFIX}${room}`;
}

/** True when a document in this browser has changes the server has not confirmed. */
export function hasUnsyncedOfflineChanges(): boolean {
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(PENDING_PREFIX) && Number(localStorage.getItem(key)) > 0) return true;
    }
  } catch {
    // No storage: nothing was kept.
  }
  return false;
}

/** Deletes every offline document copy and pending count of this browser. */
export async function clearOfflineCopies(): Promise<void> {
  try {
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const key = localStorage.key(i);
      if (key?.startsWith(PENDING_PREFIX)) localStorage.removeItem(key);
    }
  } catch {
    // No storage: nothing to remove.
  }
  if (typeof indexedDB === "undefined" || !indexedDB.databases) return;
  const databases = await indexedDB.databases();
  await Promise.all(
    databases
      .filter((db) => db.name?.startsWith(DATABASE_PREFIX))
      .map(
        (db) =>
          new Promise<void>((resolve) => {
            const request = indexedDB.deleteDatabase(db.name as string);
            request.onsuccess = request.onerror = request.onblocked = () => resolve();
          }),
      ),
  );
}
