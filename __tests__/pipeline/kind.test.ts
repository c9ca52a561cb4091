import { detectKind } from '../../src/pipeline/kind';
import { memoryView } from '../../src/pipeline/project-view';
import { parseDockerfile } from '../../src/dockerfile/model';

describe('detectKind', () => {
  const kind = (dockerfile: string, files: Record<string, string> = {}) =>
    detectKind(parseDockerfile(dockerfile), memoryView(files));

  it.each([
    ['FROM node:20-bookworm\n', 'node'],
    ['ARG V=20\nFROM node:${V}\n', 'node'],
    ['FROM registry.example.com:5000/library/node:20\n', 'node'],
    ['FROM maven:3.9-eclipse-temurin-21\n', 'java'],
    ['FROM gradle:8.5-jdk17\n', 'java'],
    ['FROM openjdk:8-jdk-alpine\n', 'java'],
    ['FROM tomcat:9-jdk11\n', 'java'],
  ])('%j is %s', (dockerfile, expected) => expect(kind(dockerfile).kind).toBe(expected));

  it.each([
    ['FROM golang:1.22\n', /not a Node or Java image \(FROM golang:1\.22\)/],
    ['FROM scratch\n', /not a Node or Java image/],
    ['# escape=`\nFROM node:20\nWORKDIR C:\\app\n', /Windows container/],
    ['FROM mcr.microsoft.com/windows/servercore:ltsc2022\n', /Windows container/],
  ])('%j is neither, with a reason', (dockerfile, reason) => {
    const result = kind(dockerfile);
    expect(result.kind).toBeNull();
    expect(result.reason).toMatch(reason);
  });

  it('says when Node is installed by hand on a generic base', () => {
    const result = kind('FROM ubuntu:22.04\nRUN apt-get install -y nodejs npm\n', { 'package.json': '{}' });
    expect(result).toEqual({ kind: null, reason: expect.stringMatching(/installed by hand/) });
  });
});
