#!/usr/bin/env node
'use strict';
require('../dist/cli/workbook/main').main(process.argv);
