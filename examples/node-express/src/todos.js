'use strict';

const express = require('express');

const router = express.Router();
const items = new Map();
let nextId = 1;

router.get('/', (req, res) => {
  res.json([...items.values()]);
});

router.post('/', (req, res) => {
  const title = req.body && req.body.title;
  if (typeof title !== 'string' || title.trim() === '') {
    return res.status(400).json({ error: 'title is required' });
  }
  const todo = { id: nextId++, title: title.trim(), done: false };
  items.set(todo.id, todo);
  return res.status(201).json(todo);
});

router.get('/:id', (req, res) => {
  const todo = items.get(Number(req.params.id));
  if (!todo) return res.status(404).json({ error: 'not found' });
  return res.json(todo);
});

module.exports = { router };
