import '@testing-library/jest-dom';

// recharts and React Flow measure their containers; jsdom has no layout.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
(globalThis as any).ResizeObserver ??= ResizeObserverStub;

// The shared CI machine is slow; give async queries time before failing.
// eslint-disable-next-line import/first
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 15_000 });

jest.setTimeout(60_000);
