import { child, descendants, parseXml, textAt } from '../../../src/kinds/java/xml';

describe('parseXml', () => {
  it('builds a tree and ignores comments, processing instructions and attributes', () => {
    const doc = parseXml(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE project>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <!-- <artifactId>commented</artifactId> -->
  <artifactId>catalog</artifactId>
  <description><![CDATA[A <b>catalog</b> & more]]></description>
  <name>Tom &amp; Jerry&#33;</name>
  <empty/>
</project>`);
    const project = child(doc, 'project');
    expect(project?.children.map((c) => c.name)).toEqual(['artifactId', 'description', 'name', 'empty']);
    expect(textAt(project, 'artifactId')).toBe('catalog');
    expect(textAt(project, 'description')).toBe('A <b>catalog</b> & more');
    expect(textAt(project, 'name')).toBe('Tom & Jerry!');
    expect(textAt(project, 'empty')).toBeNull();
  });

  it('tolerates stray closing tags, unclosed elements and prefixes', () => {
    const doc = parseXml('<a><b>1</c></b><pom:d>2</pom:d><e><f>3</a>');
    const a = child(doc, 'a');
    expect(textAt(a, 'b')).toBe('1');
    expect(textAt(a, 'd')).toBe('2');
    expect(descendants(a, 'f').map((f) => f.text)).toEqual(['3']);
  });
});
