import express from 'express';
import Router from 'express-promise-router';

/** The REST API of the mlops plugin. */
export async function createRouter(): Promise<express.Router> {
  const router = Router();
  router.use(express.json());
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  return router;
}
