// Finds the first broken row of a CSV the way a person counts lines: the PHYSICAL line (1-based, the
// header included) where the bad row starts. DuckDB counts rows, not lines, and its sniffer gives up
// without saying where; this scan runs only after DuckDB has failed, to say where and why. Pure:
// the caller feeds the text in chunks.

export interface CsvScanDialect {
  delimiter: string;
  /** '' for none. */
  quote: string;
  /** '' means the quote doubles itself. */
  escape: string;
  /** '' for none. */
  comment: string;
  skip: number;
  header: boolean;
}

export interface CsvFault {
  line: number;
  what: string;
}

/** A streaming scanner: `push` chunks of text, then `end`; each returns the first fault once found. */
export class CsvScanner {
  private line = 1;
  private recordLine = 1;
  private quoteLine = 1;
  private fields = 0;
  private state: 'start' | 'field' | 'quoted' | 'quoteSeen' | 'afterQuote' | 'comment' | 'escaped' = 'start';
  private recordStarted = false;
  private expected: number | undefined;
  private skipLines: number;
  private fault: CsvFault | undefined;

  constructor(private readonly d: CsvScanDialect) {
    this.skipLines = Math.max(0, d.skip);
  }

  push(text: string): CsvFault | undefined {
    const { delimiter, quote, comment } = this.d;
    const escape = this.d.escape || quote;
    for (let i = 0; i < text.length && !this.fault; i++) {
      const ch = text[i]!;
      if (this.skipLines > 0) {
        if (ch === '\n') {
          this.skipLines--;
          this.line++;
          this.recordLine = this.line;
        }
        continue;
      }
      switch (this.state) {
        case 'comment':
          if (ch === '\n') this.newLine();
          continue;
        case 'escaped':
          this.state = 'quoted';
          if (ch === '\n') this.line++;
          continue;
        case 'quoted':
          if (ch === escape && escape !== quote) this.state = 'escaped';
          else if (ch === quote) this.state = 'quoteSeen';
          else if (ch === '\n') this.line++;
          continue;
        case 'quoteSeen':
          // A doubled quote is a quote inside the field; anything else closes it.
          if (ch === quote && escape === quote) {
            this.state = 'quoted';
            continue;
          }
          this.state = 'afterQuote';
          break;
        default:
          break;
      }
      if (this.state === 'afterQuote') {
        if (ch === '\r') continue;
        if (ch === delimiter) this.nextField();
        else if (ch === '\n') this.endRecord();
        else this.stray(ch);
        continue;
      }
      if (this.state === 'start' && !this.recordStarted && comment && ch === comment) {
        this.state = 'comment';
        continue;
      }
      if (ch === '\n') this.endRecord();
      else if (ch === delimiter) this.nextField();
      else if (ch === '\r') continue;
      else if (quote && ch === quote) {
        if (this.state === 'start') {
          this.state = 'quoted';
          this.quoteLine = this.line;
          this.recordStarted = true;
        } else {
          this.fault = {
            line: this.recordLine,
            what: `stray quote: a ${quote} inside a field that is not quoted${this.lineNote()}`,
          };
        }
      } else {
        this.state = 'field';
        this.recordStarted = true;
      }
    }
    return this.fault;
  }

  end(): CsvFault | undefined {
    if (this.fault) return this.fault;
    if (this.state === 'quoted' || this.state === 'escaped') {
      this.fault = {
        line: this.recordLine,
        what: `unclosed quote: the field quoted on line ${this.quoteLine} never ends`,
      };
    } else if (this.recordStarted || this.state === 'afterQuote' || this.state === 'quoteSeen') {
      this.endRecord();
    }
    return this.fault;
  }

  private lineNote(): string {
    return this.line !== this.recordLine ? ` (on line ${this.line})` : '';
  }

  private stray(ch: string): void {
    this.fault =
      this.quoteLine < this.line
        ? {
            line: this.recordLine,
            what: `unclosed quote: the field quoted on line ${this.quoteLine} runs on to line ${this.line}`,
          }
        : {
            line: this.recordLine,
            what: `stray quote: ${JSON.stringify(ch)} after the closing ${this.d.quote} of a field`,
          };
  }

  private nextField(): void {
    this.fields++;
    this.state = 'start';
    this.recordStarted = true;
  }

  private endRecord(): void {
    const blank = !this.recordStarted && this.fields === 0;
    if (!blank) {
      const count = this.fields + 1;
      if (this.expected === undefined) this.expected = count;
      else if (count !== this.expected) {
        this.fault = {
          line: this.recordLine,
          what: `${count > this.expected ? 'TOO MANY COLUMNS' : 'TOO FEW COLUMNS'}: ${count} fields where ${this.d.header ? 'the header has' : 'the first row has'} ${this.expected}${this.lineNote()}`,
        };
        return;
      }
    }
    this.newLine();
  }

  private newLine(): void {
    this.line++;
    this.recordLine = this.line;
    this.fields = 0;
    this.recordStarted = false;
    this.state = 'start';
  }
}
