import { useEffect, useMemo } from 'react';
import type { AppController } from '../app/controller';
import { RoomClient } from './room-client';

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage refused: progress lasts for this page only
  }
}

/** The page's RoomClient: follows the controller's events, and lists the exercises and the room each time the connection opens. */
export function useRoomClient(controller: AppController, open: boolean): RoomClient {
  const room = useMemo(() => new RoomClient(controller.client, (text) => controller.fail(text), browserStorage()), [controller]);
  useEffect(() => controller.onEvent((e) => room.handle(e)), [controller, room]);
  useEffect(() => {
    if (open) void room.refresh();
  }, [open, room]);
  return room;
}
